package io.mixrec.model;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ActiveModels} on the active version. A background thread LISTENs on
 * {@link ModelActivation#CHANNEL} over a connection of its own (outside the pool, so
 * serving never competes with it) and also polls every {@code pollInterval}, because
 * notifications sent while it was disconnected are lost. When the active version differs
 * from the loaded one it loads the new version on this thread, lets every
 * {@link ModelPreparer} prepare for it, and swaps it in; requests in flight keep the
 * snapshot they started with.
 */
@Component
public class ActiveModelWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ActiveModelWatcher.class);

	private final ActiveModels models;

	private final ModelActivation activation;

	private final ModelSnapshotLoader loader;

	private final JdbcConnectionDetails database;

	private final ModelProperties properties;

	private final ObjectProvider<ModelPreparer> preparers;

	private volatile boolean running;

	private @Nullable Thread thread;

	public ActiveModelWatcher(ActiveModels models, ModelActivation activation, ModelSnapshotLoader loader,
			JdbcConnectionDetails database, ModelProperties properties, ObjectProvider<ModelPreparer> preparers) {
		this.models = models;
		this.activation = activation;
		this.loader = loader;
		this.database = database;
		this.properties = properties;
		this.preparers = preparers;
	}

	@Override
	public void start() {
		this.running = true;
		refresh();
		Thread watcher = new Thread(this::watch, "mixrec-model-watcher");
		watcher.setDaemon(true);
		watcher.start();
		this.thread = watcher;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Loads the active version if it is not the one in memory. Safe to call from any
	 * thread; used by the watcher and by tests.
	 * @return the version now in memory, if any
	 */
	public synchronized Optional<Long> refresh() {
		try {
			Optional<Long> active = this.activation.activeVersion();
			Optional<ModelSnapshot> loaded = this.models.current();
			if (active.isEmpty()) {
				this.models.clear();
				return Optional.empty();
			}
			if (loaded.isPresent() && loaded.get().version() == active.get()) {
				return active;
			}
			long started = System.nanoTime();
			Optional<ModelSnapshot> snapshot = this.loader.load(active.get());
			snapshot.ifPresent((s) -> {
				prepare(s);
				this.models.swap(s);
				logger.info("Serving model version {} ({} clusters, {} items), loaded in {} ms", s.version(),
						s.model().clusters(), s.model().items(), (System.nanoTime() - started) / 1_000_000);
			});
			return snapshot.map(ModelSnapshot::version);
		}
		catch (RuntimeException ex) {
			// the database may be down; keep serving what we have and try again later
			logger.warn("Could not refresh the active model: {}", ex.getMessage());
			return this.models.current().map(ModelSnapshot::version);
		}
	}

	private void prepare(ModelSnapshot snapshot) {
		this.preparers.orderedStream().forEach((preparer) -> {
			try {
				preparer.prepare(snapshot);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not prepare model version {} before serving it: {}", snapshot.version(),
						ex.getMessage());
			}
		});
	}

	private void watch() {
		while (this.running) {
			try (Connection connection = listen()) {
				PGConnection pg = connection.unwrap(PGConnection.class);
				refresh();
				while (this.running) {
					PGNotification[] notifications = pg
						.getNotifications((int) this.properties.pollInterval().toMillis());
					// a notification or the poll interval: either way, check the active
					// version
					refresh();
					if (notifications == null && !connection.isValid(2)) {
						break;
					}
				}
			}
			catch (SQLException ex) {
				logger.debug("Model notification connection lost: {}", ex.getMessage());
				refresh();
				pause();
			}
		}
	}

	private Connection listen() throws SQLException {
		Properties credentials = new Properties();
		String user = this.database.getUsername();
		String password = this.database.getPassword();
		if (user != null) {
			credentials.setProperty("user", user);
		}
		if (password != null) {
			credentials.setProperty("password", password);
		}
		credentials.setProperty("ApplicationName", "mixrec-model-watcher");
		Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(), credentials);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + ModelActivation.CHANNEL);
		}
		return connection;
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.reconnectDelay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
