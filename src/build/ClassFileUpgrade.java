import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by the pom in the package phase, as a single-file program with ASM and the jar on the class
 * path): rewrites the classes under a package prefix of the shaded jar as Java 8 class files, with the stack
 * map frames Java 6 and later need. picocli ships Java 5 class files, which class-data sharing will not archive
 * ("Pre JDK 6 class not supported by CDS"), so every start parsed and verified them again: ~40 ms of a cold run.
 * The jar is replaced atomically; nothing else in it changes.
 *
 * <p>usage: {@code java -cp ASM_JAR:JAR src/build/ClassFileUpgrade.java JAR PREFIX}
 */
public final class ClassFileUpgrade {
    private ClassFileUpgrade() {}

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        Path upgraded = Files.createTempFile(jar.toAbsolutePath().getParent(), ".domxml-upgrade", ".jar");
        int count = 0;
        try (InputStream file = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(file);
                OutputStream target = Files.newOutputStream(upgraded); ZipOutputStream out = new ZipOutputStream(target)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
                    content = asJava8(content);
                    count++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upgraded);
            throw e;
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ClassFileUpgrade: " + count + " classes under " + prefix + " in " + jar + " are Java 8 class files");
    }

    /** The class with version 52 and frames computed anew (the jar is on the class path for their common supertypes). */
    private static byte[] asJava8(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        if (reader.readShort(6) >= Opcodes.V1_8) {
            return classFile;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
