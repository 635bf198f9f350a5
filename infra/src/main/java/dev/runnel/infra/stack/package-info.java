/**
 * The deployment model: immutable records describing every AWS resource a plan needs (streams, tables, functions,
 * event source mappings, the dead-letter queue, tick schedules, alarms, least-privilege IAM), derived from a plan by
 * {@link dev.runnel.infra.stack.StackModel#of}. The SAM writer and the CDK construct both render this model, so
 * they deploy the same thing.
 */
package dev.runnel.infra.stack;
