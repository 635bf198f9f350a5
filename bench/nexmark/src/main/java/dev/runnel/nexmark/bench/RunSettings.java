package dev.runnel.nexmark.bench;

/**
 * One bench run.
 *
 * @param query  the query
 * @param events how many events the generator makes
 * @param batch  the most records a stage handles per invocation (the event source mapping's BatchSize)
 * @param rate   the generator's event-time rate, events per second
 */
record RunSettings(NexmarkQuery query, long events, int batch, double rate) {
  RunSettings {
    if (events < 1 || batch < 1 || rate <= 0) {
      throw new IllegalArgumentException("a run needs events, a batch size and a rate above 0");
    }
  }
}
