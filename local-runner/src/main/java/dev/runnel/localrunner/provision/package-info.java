/** Creates a plan's streams and tables on the emulators and waits until they are ACTIVE. */
package dev.runnel.localrunner.provision;
