/**
 * Runs stage functions the way AWS Lambda runs a Java function, each in its own JVM: the AWS Lambda Java runtime
 * interface client ({@code AWSLambda}) as main class, polling a local implementation of the Lambda Runtime API
 * ({@link dev.runnel.locallambda.LambdaRuntimeApi}), with Lambda's environment variables, the function's memory as
 * the heap limit, its timeout enforced by killing the process, and credentials served only by a local
 * container-credentials endpoint ({@link dev.runnel.locallambda.ContainerCredentialsEndpoint}), as under SnapStart.
 * {@link dev.runnel.locallambda.IsolatedFunctions} plugs it into the local runner. See docs/local-lambda.md.
 */
package dev.runnel.locallambda;
