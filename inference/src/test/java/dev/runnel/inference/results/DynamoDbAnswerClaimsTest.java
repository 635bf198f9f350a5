package dev.runnel.inference.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Claims on prompts, on DynamoDB Local: one claimant per prompt, batched, taken over after the lease. */
class DynamoDbAnswerClaimsTest {
  private static final String TABLE = "runnel-claims";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final AtomicInteger STAGES = new AtomicInteger();

  private static DynamoDbLocal dynamoDb;
  private static DynamoDbClient client;

  private final String stage = "stage-" + STAGES.incrementAndGet();

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = new DynamoDbLocal().start();
    client = dynamoDb.client();
    ResultsTable.create(client, TABLE);
  }

  @AfterAll
  static void stopDynamoDb() {
    client.close();
    dynamoDb.close();
  }

  private List<ResultKey> keys(int count) {
    return IntStream.range(0, count).mapToObj(i -> new ResultKey(stage + "|r" + i, "op|m|v|h" + i)).toList();
  }

  private static DynamoDbAnswerClaims claimant(Instant now) {
    return new DynamoDbAnswerClaims(client, TABLE, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void twoClaimantsOfOverlappingPromptsNeverHoldTheSamePromptAcrossTransactions() {
    List<ResultKey> keys = keys(230);
    DynamoDbAnswerClaims first = claimant(NOW);
    DynamoDbAnswerClaims second = claimant(NOW);
    long until = NOW.plusSeconds(60).toEpochMilli();

    Set<ResultKey> firstHolds = first.claim(keys.subList(0, 150), until);
    Set<ResultKey> secondHolds = second.claim(keys, until);

    assertThat(firstHolds).hasSize(150);
    assertThat(secondHolds).hasSize(80).doesNotContainAnyElementsOf(firstHolds);
    Set<ResultKey> all = new HashSet<>(firstHolds);
    all.addAll(secondHolds);
    assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(first.claim(keys.subList(0, 10), until)).as("a claimant keeps its own claims").hasSize(10);
  }

  @Test
  void aReleasedOrExpiredClaimCanBeTakenAndOnlyTheHoldersClaimsAreReleased() {
    List<ResultKey> keys = keys(20);
    DynamoDbAnswerClaims holder = claimant(NOW);
    DynamoDbAnswerClaims other = claimant(NOW);
    holder.claim(keys, NOW.plusSeconds(30).toEpochMilli());

    other.release(keys); // not its claims: nothing happens
    assertThat(other.claim(keys, NOW.plusSeconds(30).toEpochMilli())).isEmpty();

    holder.release(keys.subList(0, 5));
    assertThat(other.claim(keys, NOW.plusSeconds(30).toEpochMilli())).containsExactlyElementsOf(keys.subList(0, 5));

    DynamoDbAnswerClaims later = claimant(NOW.plusSeconds(31));
    assertThat(later.claim(keys, NOW.plusSeconds(90).toEpochMilli()))
        .as("once the lease ran out, the claims are anyone's").containsExactlyElementsOf(keys);
  }

  @Test
  void concurrentClaimantsSplitThePromptsWithoutOverlap() throws Exception {
    List<ResultKey> keys = keys(120);
    long until = NOW.plusSeconds(60).toEpochMilli();
    List<Set<ResultKey>> held = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DynamoDbAnswerClaims claimant = claimant(NOW);
      Set<ResultKey> mine = java.util.Collections.synchronizedSet(new HashSet<>());
      held.add(mine);
      threads.add(new Thread(() -> mine.addAll(claimant.claim(keys, until))));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    Set<ResultKey> union = new HashSet<>();
    int total = 0;
    for (Set<ResultKey> mine : held) {
      union.addAll(mine);
      total += mine.size();
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(total).as("no prompt is held twice").isEqualTo(keys.size());
  }
}
