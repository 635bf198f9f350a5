package dev.runnel.inference.calling;

/** Whether the circuit lets new requests through. */
enum Admission {
  /** Closed: send as many as the concurrency allows. */
  OPEN_FOR_ALL,
  /** Half-open (or about to be): send one request alone, to probe the endpoint. */
  PROBE_ONE,
  /** Open: send nothing. */
  CLOSED_TO_ALL
}
