/** A SAM template deployed as a CloudFormation stack: code upload, CreateStack, waiting, the stack's resources. */
package dev.runnel.deploytests.deploy;
