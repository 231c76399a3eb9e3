package dev.domxml.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ThreadAssignmentTest {

    @Test
    void withoutAPoolEachExistingThreadHasOneOwner() {
        ThreadAssignment<Integer> threads = new ThreadAssignment<>(FixOptions.perDisk(), List.of(1, 2), () -> 99);

        assertThat(threads.claimable(1)).isTrue();
        threads.claim(1);

        assertThat(threads.claimable(1)).isFalse();
        assertThat(threads.claimable(2)).isTrue();
    }

    @Test
    void aPoolTakesExistingThreadsFirstThenNewOnesAndHandsThemOutInTurn() {
        List<String> created = new ArrayList<>();
        ThreadAssignment<String> threads = new ThreadAssignment<>(new FixOptions(OptionalInt.of(3), false),
                List.of("iothread-a"), () -> {
                    created.add("iothread" + (created.size() + 1));
                    return created.get(created.size() - 1);
                });

        assertThat(created).containsExactly("iothread1", "iothread2");
        assertThat(List.of(threads.nextFromPool(), threads.nextFromPool(), threads.nextFromPool(), threads.nextFromPool()))
                .containsExactly("iothread-a", "iothread1", "iothread2", "iothread-a");
        threads.claim("iothread-a");
        assertThat(threads.claimable("iothread-a")).as("pooled threads are shared").isTrue();
    }
}
