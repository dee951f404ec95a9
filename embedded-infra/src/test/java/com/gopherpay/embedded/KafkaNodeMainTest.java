package com.gopherpay.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaNodeMainTest {

    @TempDir
    Path data;

    @Test
    void aNodesCommandLineSaysEverythingItNeedsToComeBackAsTheSameNode() {
        KafkaClusterLayout layout = KafkaClusterLayout.plan(data, 0);
        KafkaClusterLayout.Node second = layout.node(2);

        KafkaNodeMain.Node parsed = KafkaNodeMain.parse(KafkaNodeMain.arguments(layout, second));

        assertThat(parsed.id()).isEqualTo(2);
        assertThat(parsed.logDirectory()).isEqualTo(data.toAbsolutePath().resolve("node-2"));
        assertThat(parsed.port()).isEqualTo(second.port());
        assertThat(parsed.controllerPort()).isEqualTo(second.controllerPort());
        assertThat(parsed.quorumVoters()).isEqualTo(layout.quorumVoters());
        assertThat(parsed.clusterId()).isEqualTo(layout.clusterId());
    }

    @Test
    void theLayoutKeepsItsClusterIdAndListsEveryNodeOnce() throws Exception {
        KafkaClusterLayout first = KafkaClusterLayout.plan(data, 0);
        KafkaClusterLayout again = KafkaClusterLayout.plan(data, 0);

        assertThat(again.clusterId()).isEqualTo(first.clusterId());
        assertThat(Files.readString(data.resolve("cluster.id")).strip()).isEqualTo(first.clusterId());
        assertThat(first.quorumVoters().split(","))
                .hasSize(3)
                .allMatch(voter -> voter.matches("[123]@127\\.0\\.0\\.1:\\d+"));
        assertThat(first.bootstrapServers().split(",")).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void refusesAnIncompleteOrUnknownCommandLineNamingTheOption() {
        KafkaClusterLayout layout = KafkaClusterLayout.plan(data, 0);
        List<String> withoutPort = new ArrayList<>(KafkaNodeMain.arguments(layout, layout.node(1)));
        withoutPort.removeIf(arg -> arg.startsWith("--port="));
        assertThatThrownBy(() -> KafkaNodeMain.parse(withoutPort)).hasMessage("--port is required");

        List<String> unknown = new ArrayList<>(KafkaNodeMain.arguments(layout, layout.node(1)));
        unknown.add("--replicas=3");
        assertThatThrownBy(() -> KafkaNodeMain.parse(unknown)).hasMessage("unknown option --replicas");

        List<String> badNumber = new ArrayList<>(KafkaNodeMain.arguments(layout, layout.node(1)));
        badNumber.replaceAll(arg -> arg.startsWith("--node-id=") ? "--node-id=one" : arg);
        assertThatThrownBy(() -> KafkaNodeMain.parse(badNumber))
                .hasMessage("--node-id must be a number from 1 to 65535, got 'one'");

        assertThatThrownBy(() -> KafkaNodeMain.parse(List.of("node-id", "1")))
                .hasMessage("expected --option=value, got 'node-id'");
    }
}
