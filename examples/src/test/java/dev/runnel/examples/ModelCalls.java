package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.log.LoggedRequest;
import java.util.List;

/** What an example run on the local model server must show about its model calls. */
public final class ModelCalls {
  private ModelCalls() {}

  /**
   * The first stage asked the chat model exactly once for each of {@code prompts} (one per input record), nothing
   * else, and nothing was dead-lettered or discarded.
   */
  public static void askedOncePerRecord(RunSummary summary, LocalModelServer server, List<String> prompts) {
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(prompts.size());
    assertThat(server.log().total()).isEqualTo(prompts.size());
    assertThat(server.log().duplicatePrompts()).isEmpty();
    List<String> asked = server.log().requests().stream().map(LoggedRequest::promptText).toList();
    for (String prompt : prompts) {
      assertThat(asked).filteredOn(text -> text.endsWith(prompt)).hasSize(1);
    }
    assertThat(summary.models(summary.plan().stages().get(0).id()).orElseThrow().prompts())
        .isEqualTo(prompts.size());
  }
}
