package dev.runnel.modelserver;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local model server by hand: {@code --port N} (default 8089), {@code --api-key KEY} (default none) and
 * {@code --dimensions D} (default 64). Prints its URLs and serves until the process is stopped.
 */
public final class LocalModelServerMain {
  private LocalModelServerMain() {
  }

  /** Starts the server and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    LocalModelServer.Config config = LocalModelServer.Config.defaults().withPort(8089);
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(required(args[i], value)));
        case "--api-key" -> config = config.withApiKey(required(args[i], value));
        case "--dimensions" -> config = config.withEmbeddingDimensions(Integer.parseInt(required(args[i], value)));
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + "; options: --port N, --api-key KEY, --dimensions D");
      }
      i++;
    }
    LocalModelServer server = LocalModelServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("Runnel local model server (deterministic rules, not a language model)");
    System.out.println("  OpenAI base URL:   " + server.openAiBaseUrl());
    System.out.println("  Bedrock endpoint:  " + server.bedrockEndpoint());
    System.out.println("  API key required:  " + (config.apiKey() == null ? "no" : "yes"));
    stopped.await();
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
