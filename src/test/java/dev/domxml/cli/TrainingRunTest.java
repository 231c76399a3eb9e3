package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's class-sharing archive is recorded from this run: every command in it must really run. */
class TrainingRunTest {

    @Test
    void everyCommandRunsOverTheSamplesWithoutAUsageOrInternalError() throws Exception {
        Map<String, Integer> statuses = TrainingRun.runAll(Path.of("samples"));

        assertThat(statuses.keySet()).extracting(run -> run.split(" ")[0])
                .contains("to-args", "lint", "fix", "from-args", "from-pve", "rules");
        assertThat(statuses).allSatisfy((run, status) -> assertThat(status).as(run).isLessThan(ExitStatus.USAGE));
    }
}
