package dev.runnel.faults.inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.FaultLog;
import dev.runnel.faults.FaultPlan;
import dev.runnel.functions.KafkaStageHandler;
import dev.runnel.functions.KafkaStageStreamHandler;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.localrunner.esm.PartitionHandlerFactory;
import dev.runnel.plan.Plan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of one stage read by a Kafka mapping, with the plan's faults: each topic-partition's function crashes
 * right after commit steps as its dice decide ({@link CrashingObserver}) and, like a process that died, comes back as
 * a new instance (a cold start) for the mapping's retry; after a successful invocation the same event may be
 * delivered again ({@link FaultKind#DUPLICATE_DELIVERY}), its answer ignored.
 */
public final class KafkaFaultyPartitions implements PartitionHandlerFactory {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFaultyPartitions.class);

  private final Plan plan;
  private final String stageId;
  private final StageResources resources;
  private final FaultPlan faults;
  private final FaultLog log;

  /** Functions of stage {@code stageId} of {@code plan} on {@code resources}, faulty as {@code faults} says. */
  public KafkaFaultyPartitions(Plan plan, String stageId, StageResources resources, FaultPlan faults, FaultLog log) {
    this.plan = plan;
    this.stageId = stageId;
    this.resources = resources;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public RequestStreamHandler create(String partition) {
    return new Partition(new FaultDice(faults, log, stageId + "/" + partition));
  }

  /** One partition's function: a new instance after each crash. */
  private final class Partition implements RequestStreamHandler {
    private final FaultDice dice;
    private KafkaStageStreamHandler instance;

    Partition(FaultDice dice) {
      this.dice = dice;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      byte[] event = input.readAllBytes();
      try {
        current().handleRequest(new ByteArrayInputStream(event), output, context);
        dice.invoked(false);
      } catch (SimulatedCrash crash) {
        instance = null; // the process died: the retry meets a new instance
        dice.invoked(true);
        throw crash;
      } catch (RuntimeException | Error e) {
        dice.invoked(true);
        throw e;
      }
      if (dice.roll(FaultKind.DUPLICATE_DELIVERY, "event of " + event.length + " bytes")) {
        try {
          current().handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context);
        } catch (SimulatedCrash crash) {
          instance = null;
        } catch (RuntimeException e) {
          LOG.debug("{}: a redelivered event failed, ignored: {}", dice.label(), e.toString());
        }
      }
    }

    private KafkaStageStreamHandler current() {
      if (instance == null) {
        instance = new KafkaStageStreamHandler(new KafkaStageHandler(new StageHandler(plan, stageId,
            resources.withObserver(new CrashingObserver(dice)))));
      }
      return instance;
    }
  }
}
