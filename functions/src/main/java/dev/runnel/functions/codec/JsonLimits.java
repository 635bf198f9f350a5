package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;

/**
 * The limits of every JSON document the runtime reads and writes (input records, output records, keyed state,
 * window panes), set deliberately so that <b>whatever the runtime writes it can read back</b>.
 *
 * <p>Jackson's default read limits (names of 50,000 characters, numbers of 1,000 digits) are far below what its
 * writer produces without complaint: a {@code MapState} with a 300 KB map key was stored, then could never be read.
 * So names, strings and numbers may be as long as the largest document the runtime handles, and the one remaining
 * structural limit, nesting depth, is the same on both sides: a document too deep fails when it is written, never
 * when it is read. Big numbers are parsed with Jackson's sub-quadratic parsers, so a long number in a record costs
 * milliseconds, not minutes.
 */
public final class JsonLimits {
  /**
   * The largest document read: above a Kinesis record (1 MiB by default, 10 MiB at most), a Lambda payload (6 MB)
   * and a key's state (at most one 4 MB DynamoDB transaction).
   */
  public static final int MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
  /** How deep objects and arrays may nest, on write and on read alike. */
  public static final int MAX_NESTING_DEPTH = 1000;

  /** What a parser accepts: any name, string or number that fits a document. */
  public static final StreamReadConstraints READ = StreamReadConstraints.builder()
      .maxDocumentLength(MAX_DOCUMENT_BYTES)
      .maxNameLength(MAX_DOCUMENT_BYTES)
      .maxStringLength(MAX_DOCUMENT_BYTES)
      .maxNumberLength(MAX_DOCUMENT_BYTES)
      .maxNestingDepth(MAX_NESTING_DEPTH)
      .build();

  /** What a generator produces: no deeper than a parser reads. */
  public static final StreamWriteConstraints WRITE = StreamWriteConstraints.builder()
      .maxNestingDepth(MAX_NESTING_DEPTH)
      .build();

  private JsonLimits() {}

  /** A factory applying these limits, for a mapper's builder. */
  public static JsonFactory factory() {
    return JsonFactory.builder()
        .streamReadConstraints(READ)
        .streamWriteConstraints(WRITE)
        .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build();
  }
}
