package dev.runnel.deploytests.deploy;

/**
 * One resource of a deployed stack, as ListStackResources reports it.
 *
 * @param logicalId  its id in the template
 * @param type       its CloudFormation type, e.g. {@code AWS::Kinesis::Stream}
 * @param physicalId what the service calls it (stream name, table name, queue URL, function name, ESM UUID...)
 * @param status     its status, {@code CREATE_COMPLETE} once deployed
 */
public record StackResource(String logicalId, String type, String physicalId, String status) {}
