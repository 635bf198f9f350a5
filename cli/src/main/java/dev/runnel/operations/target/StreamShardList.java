package dev.runnel.operations.target;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Every shard of a stream still within its retention, open and closed ({@code ListShards}, page by page). */
public final class StreamShardList {
  private StreamShardList() {}

  /** The shards of {@code stream}, in the order ListShards gives them. */
  public static List<Shard> of(KinesisClient kinesis, String stream) {
    List<Shard> shards = new ArrayList<>();
    ListShardsResponse page = kinesis.listShards(b -> b.streamName(stream));
    shards.addAll(page.shards());
    while (page.nextToken() != null) {
      String token = page.nextToken();
      page = kinesis.listShards(b -> b.nextToken(token));
      shards.addAll(page.shards());
    }
    return shards;
  }
}
