package dev.runnel.localrunner.esm;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Which of a shard's parallel lanes (ParallelizationFactor) a partition key goes to. Lambda keeps each partition key in
 * one lane but does not document how it picks the lane, so Runnel must be right for any such assignment: the local
 * driver has two unrelated hashes, neither of them the MD5 Runnel routes and keys lanes with, and tests run both.
 */
public interface LaneHash {
  /** CRC32C of the partition key's UTF-8 bytes: the default. */
  LaneHash CRC32C = (partitionKey, lanes) -> {
    CRC32C crc = new CRC32C();
    crc.update(partitionKey.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % lanes);
  };

  /** 64-bit FNV-1a of the partition key's UTF-8 bytes, a second assignment unrelated to the first. */
  LaneHash FNV1A = (partitionKey, lanes) -> {
    long hash = 0xcbf29ce484222325L;
    for (byte b : partitionKey.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return (int) Long.remainderUnsigned(hash, lanes);
  };

  /** The lane, 0 to {@code lanes} - 1, of records with {@code partitionKey}. */
  int lane(String partitionKey, int lanes);
}
