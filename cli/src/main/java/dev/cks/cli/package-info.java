/** The {@code cks} command line, run as {@code java -jar cks.jar}. */
package dev.cks.cli;
