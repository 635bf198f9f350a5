/** SAM templates translated to CloudFormation by aws-sam-translator, and the translated template's resources. */
package dev.runnel.deploytests.sam;
