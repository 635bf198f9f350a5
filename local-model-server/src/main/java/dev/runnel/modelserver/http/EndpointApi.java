package dev.runnel.modelserver.http;

import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.faults.SchemaBreak;

/**
 * One endpoint's wire format: parses its requests and renders its answers and errors. The {@link Router} does
 * everything around it (auth, faults, logging).
 *
 * @param <P> the parsed request's type
 */
public interface EndpointApi<P> {
  /** The endpoint served. */
  Endpoint endpoint();

  /** Whether a configured API key is required (OpenAI endpoints) or ignored (Bedrock signs with SigV4). */
  boolean requiresApiKey();

  /** The dialect for this endpoint's errors. */
  ErrorDialect errors();

  /** Parses a request; {@code receivedNanos} is kept in the call for latency reporting. */
  ModelCall<P> parse(IncomingRequest request, long receivedNanos) throws BadRequestException;

  /** The answer to a call; {@code spoil} is null for a correct answer, else how to break the schema. */
  Reply answer(ModelCall<P> call, SchemaBreak spoil);
}
