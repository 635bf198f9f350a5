package dev.runnel.functions.codec;

import dev.runnel.api.Codec;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.StageInput;

/** Resolves the decoder of a stage input, once, at function start. */
public final class RecordDecoders {
  /** The codec name the plan uses for the built-in JSON codec. */
  public static final String JSON = "json";

  private RecordDecoders() {}

  /** The decoder for {@code input}: JSON, or an instance of the user codec class made with its no-arg constructor. */
  public static RecordDecoder forInput(StageInput input, JobClasses classes) {
    Class<?> type = classes.load(input.type(), "record type of stream " + input.stream());
    if (JSON.equals(input.codec()) || Codec.Json.class.getName().equals(input.codec())) {
      return new JsonDecoder(type, input.decoding());
    }
    Class<?> codecClass = classes.load(input.codec(), "codec of stream " + input.stream());
    if (!Codec.class.isAssignableFrom(codecClass)) {
      throw new IllegalStateException(
          "codec " + input.codec() + " of stream " + input.stream() + " does not implement " + Codec.class.getName());
    }
    try {
      return new UserCodecDecoder((Codec<?>) codecClass.getConstructor().newInstance(), type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot create codec " + input.codec() + " (it needs a public no-argument constructor)", e);
    }
  }
}
