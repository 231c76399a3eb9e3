package dev.domxml.rules;

import dev.domxml.report.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a rule is, written on the rule's class: the catalogue, {@code --explain} and SARIF's rule list
 * are all generated from it, so documentation cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable id, used in output and for suppression. */
    String id();

    Severity severity();

    /** One line. */
    String title();

    /** Why it matters. */
    String rationale();

    /** A domain XML fragment that triggers the rule. */
    String badExample();

    /** The same fragment, corrected. */
    String goodExample();

    /** Whether {@code domxml fix} repairs it. */
    boolean fixable() default false;
}
