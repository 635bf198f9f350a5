/**
 * The function runtime: {@link dev.runnel.functions.StageHandler} runs one stage of a plan on each Kinesis batch
 * Lambda delivers. Sub-packages follow the data flow: {@code batch} (input), {@code codec}, {@code operators},
 * {@code output}, {@code processing} (pure), then {@code commit} with {@code kinesis}, {@code dynamodb} and
 * {@code deadletter} (writes).
 */
package dev.runnel.functions;
