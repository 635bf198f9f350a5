package dev.runnel.cli;

import static dev.runnel.cli.OperationsOnLocalRunTest.runnel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.cli.jobs.Payments;
import dev.runnel.cli.jobs.PaymentsFixed;
import dev.runnel.deploytests.deploy.DeployedStack;
import dev.runnel.emulators.MotoServer;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The operations commands on a deployed stack: {@code Payments}' SAM template, translated by aws-sam-translator, is
 * deployed into moto_server's CloudFormation; the job then runs on the stack's own streams and tables in moto (the
 * local event source mapping standing in for Lambda, which moto cannot run), and {@code runnel ... --stack payments
 * --region us-east-1 --endpoint-url <moto>} reads it: the resources are found through CloudFormation. moto 5.2 does not
 * answer this SDK's CloudWatch protocol, so the cost is reported unavailable, with the reason. Skipped, saying why, on
 * a machine without moto or aws-sam-translator.
 */
class OperationsOnDeployedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MotoServer moto;

  @TempDir
  Path dir;

  @BeforeAll
  static void startMoto() {
    // moto's Kinesis speaks JSON only; the SDK signs with whatever credentials it finds: give it dummy ones
    System.setProperty("aws.cborEnabled", "false");
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try {
      moto = new MotoServer().start();
    } catch (RuntimeException e) {
      Assumptions.abort("moto_server cannot be started on this machine (" + e.getMessage() + ")");
    }
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void readsTheJobOfADeployedStackAndReplaysItsDeadLetters() throws Exception {
    Plan plan = Planner.plan(Payments.class);
    DeployedStack stack = MotoStack.deploy(moto, plan, dir, "payments");
    assertThat(stack.resources()).isNotEmpty();

    Path input = dir.resolve("payments.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"account\":\"acct" + (i % 3) + "\",\"amount\":" + (i == 4 ? -5 : 10 + i) + "}");
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    try (KinesisClient kinesis = moto.configure(KinesisClient.builder())
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
         DynamoDbClient dynamoDb = moto.configure(DynamoDbClient.builder())
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      RunSummary run = new JobRun(plan, kinesis, dynamoDb, RunOptions.defaults()
          .withInputs(List.of(InputSource.file("payments-in", input)))).run();
      assertThat(run.deadLetters()).hasSize(1);
    }

    String[] where = {"--stack", "payments", "--region", "us-east-1", "--endpoint-url", moto.endpoint().toString()};
    OperationsOnLocalRunTest.Result status = runnel(args(where, "status", Payments.class.getName()));
    assertThat(status.code()).as(status.err()).isZero();
    // moto 5.2 does not speak the CloudWatch protocol of this SDK (HTTP 404): status says so rather than print zeros
    assertThat(status.out()).contains("stack payments in us-east-1", "payments-2", "caught up",
        "model calls and cost: since", "cost unavailable: CloudWatch cannot be read");
    JsonNode json = JSON.readTree(runnel(args(where, "status", Payments.class.getName(), "--json")).out());
    assertThat(json.at("/stages/1/deadLetters").asLong()).isEqualTo(1);
    assertThat(json.at("/stages/1/costUsd/value").isNull()).isTrue();
    assertThat(json.at("/stages/1/costUsd/unavailable").asText()).contains("cloudwatch:ListMetrics and GetMetricData");

    JsonNode listed = JSON.readTree(runnel(args(where, "dead-letters", "list", Payments.class.getName(), "--json"))
        .out());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("payload").asText()).contains("-5");
    String id = listed.get(0).get("id").asText();
    OperationsOnLocalRunTest.Result replay = runnel(args(where, "dead-letters", "replay",
        PaymentsFixed.class.getName(), id));
    assertThat(replay.out()).as(replay.err()).contains("1 of 1 dead letter(s) replayed");
    assertThat(runnel(args(where, "dead-letters", "replay", PaymentsFixed.class.getName(), id)).out())
        .contains("already replayed");

    // acct1: 11 + 17 + 20; its refund (-5) is the dead letter, replayed but not yet read by the stage
    JsonNode key = JSON.readTree(runnel(args(where, "state", "get", Payments.class.getName(), "payments-2", "acct1",
        "--json")).out());
    assertThat(key.get("found").asBoolean()).isTrue();
    assertThat(key.at("/states/apply~1balance").asLong()).isEqualTo(48);
  }

  /** The command's arguments, then the target's. */
  private static String[] args(String[] where, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(where));
    return all.toArray(String[]::new);
  }
}
