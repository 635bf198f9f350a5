/**
 * What a stage function sends to AWS, as the bill counts it: {@link dev.runnel.functions.requests.RequestCounter} is
 * an SDK interceptor installed on the clients a function instance builds; it counts every HTTP attempt by service,
 * operation and table or stream, retries included, and adds up the capacity units DynamoDB reports.
 * {@link dev.runnel.functions.requests.ServiceRequests} is a snapshot of those counts.
 */
package dev.runnel.functions.requests;
