package dev.runnel.infra.stack;

/** What invokes a function. */
public enum FunctionKind {
  /**
   * The stage's function, fed batches by its Kinesis event source mapping: {@code StageStreamHandler}, which parses
   * Lambda's event JSON itself and runs {@code StageHandler} (docs/record-path.md).
   */
  STAGE("dev.runnel.functions.StageStreamHandler::handleRequest"),
  /** The stage's tick function, invoked by an EventBridge schedule so windows and timers fire on a quiet stream. */
  TICK("dev.runnel.functions.StageTickHandler::handleRequest");

  private final String handler;

  FunctionKind(String handler) {
    this.handler = handler;
  }

  /** The Lambda handler of this kind of function. */
  public String handler() {
    return handler;
  }
}
