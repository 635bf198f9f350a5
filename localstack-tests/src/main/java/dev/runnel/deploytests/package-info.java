/**
 * Deployment tests' machinery: translate a SAM template ({@code sam}), deploy it as a CloudFormation stack
 * ({@code deploy}), read the deployed resources back through the AWS APIs ({@code readback}), on a backend of
 * emulators or LocalStack ({@code backend}).
 */
package dev.runnel.deploytests;
