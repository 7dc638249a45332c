/**
 * The command-line tools in the service's jar: {@code evaluate}, {@code fit} and
 * {@code generate}. They run on the engine alone, without Spring, a web server or a
 * database, so that models can be tuned and benchmarked on files.
 */
@NullMarked
package io.mixrec.cli;

import org.jspecify.annotations.NullMarked;
