package io.creditscoring.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleUserTest {

    @Test
    void offersFollowTheRolesOfDocsSecurity() {
        ConsoleUser reader = new ConsoleUser("r", Set.of("READER"));
        ConsoleUser trainer = new ConsoleUser("t", Set.of("TRAINER", "READER"));
        ConsoleUser approver = new ConsoleUser("a", Set.of("APPROVER"));
        ConsoleUser admin = new ConsoleUser("x", Set.of("ADMIN"));

        assertThat(reader.canRead()).isTrue();
        assertThat(reader.canRequestPromotion()).isFalse();
        assertThat(reader.canDecidePromotion()).isFalse();
        assertThat(trainer.canRequestPromotion()).isTrue();
        assertThat(trainer.canDecidePromotion()).isFalse();
        assertThat(approver.canRequestPromotion()).isTrue();
        assertThat(approver.canDecidePromotion()).isTrue();
        assertThat(approver.canRead()).as("no role implies another").isFalse();
        assertThat(admin.canAdminister()).isTrue();
        assertThat(admin.canDecidePromotion()).isFalse();
        assertThat(trainer.canStartRun()).isTrue();
        assertThat(approver.canStartRun()).as("approving is not training").isFalse();
        assertThat(reader.canStartRun()).isFalse();
        assertThat(reader.canDownload())
                .as("reports and artifacts are READER's")
                .isTrue();
        assertThat(approver.canDownload()).isFalse();
        assertThat(admin.canDownload()).isFalse();
    }

    @Test
    void listsRolesInAStableOrder() {
        assertThat(new ConsoleUser("t", Set.of("TRAINER", "READER", "APPROVER")).roleList())
                .isEqualTo("APPROVER, READER, TRAINER");
    }
}
