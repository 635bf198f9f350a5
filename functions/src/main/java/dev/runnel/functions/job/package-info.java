/** The user's job as the runtime sees it: classes named in the plan, loaded once at function start. */
package dev.runnel.functions.job;
