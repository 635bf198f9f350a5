package dev.runnel.deploytests.backend;

/** A setting a backend's CloudFormation accepts but does not deploy, so it is checked in the template instead. */
public enum Gap {
  /** Streams are created unencrypted whatever {@code StreamEncryption} says (moto 5.2). */
  STREAM_ENCRYPTION,
  /** {@code TimeToLiveSpecification} is dropped: DescribeTimeToLive answers DISABLED (moto 5.2). */
  TABLE_TTL,
  /** {@code PointInTimeRecoverySpecification} is dropped: PITR reads back DISABLED (moto 5.2). */
  TABLE_PITR,
  /**
   * {@code AWS::Lambda::Alias} is not implemented and its {@code Ref} resolves to nothing (moto 5.2): references to
   * an alias are deployed as references to its function (see {@link MotoTemplateWorkarounds}).
   */
  LAMBDA_ALIAS,
  /** {@code SnapStart} is dropped: GetFunctionConfiguration answers ApplyOn None (moto 5.2). */
  SNAPSTART,
  /**
   * {@code AWS::CloudWatch::Alarm}s are not created (DescribeAlarms is empty) and, in a stack with functions, not
   * listed among the stack's resources (moto 5.2).
   */
  ALARMS,
  /** {@code ManagedPolicyArns} of a role are not attached (moto 5.2). */
  MANAGED_POLICIES
}
