package io.mixrec.database;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL that runs when no {@code spring.datasource.url} is set.
 *
 * @param directory the server's data directory, created and initialised at the first
 * start and reused by every later one; relative paths are resolved against the working
 * directory
 * @param port TCP port on the loopback interface; 0 picks a free one at each start
 * @param database the database the service uses, created when missing
 */
@ConfigurationProperties("mixrec.database.embedded")
@Validated
public record EmbeddedDatabaseProperties(@NotNull @DefaultValue("mixrec-data") Path directory,
		@Min(0) @Max(65535) @DefaultValue("0") int port, @NotNull @DefaultValue("mixrec") String database) {

}
