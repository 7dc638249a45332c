package io.mixrec.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of PostgreSQL that can simulate a database outage: {@link #cut()}
 * closes every proxied connection and refuses new ones (each is accepted and closed at
 * once, as a server that is down or restarting answers), {@link #resume()} lets
 * connections through again. The application under test connects through
 * {@link #url(JdbcDatabase)}, the test itself directly.
 *
 * <p>
 * Restarting the PostgreSQL server instead would take down every other test (and every
 * other project) sharing it, which is not acceptable on a CI machine. The proxy needs
 * nothing from the server, so it works the same in front of a Testcontainers PostgreSQL
 * (whose mapped port it connects to) as in front of a local one.
 */
public final class TcpProxy implements AutoCloseable {

	private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)?$");

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong refused = new AtomicLong();

	private volatile boolean cut;

	private volatile boolean closed;

	private TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A proxy to the server of a database, listening on a free loopback port.
	 * @param database the database whose server to proxy
	 * @return the running proxy
	 */
	public static TcpProxy to(JdbcDatabase database) {
		Matcher matcher = HOST_PORT.matcher(database.url());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + database.url());
		}
		int port = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432;
		try {
			return new TcpProxy(matcher.group(1), port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open the proxy's port", ex);
		}
	}

	/**
	 * @param database a database on the proxied server
	 * @return its JDBC URL through this proxy (same database and parameters)
	 */
	public String url(JdbcDatabase database) {
		Matcher matcher = HOST_PORT.matcher(database.url());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + database.url());
		}
		String rest = (matcher.group(3) != null) ? matcher.group(3) : "/";
		return "jdbc:postgresql://127.0.0.1:" + this.server.getLocalPort() + rest;
	}

	/**
	 * Starts the outage: every open connection is closed (both sides), and new
	 * connections are closed as soon as they are accepted.
	 */
	public synchronized void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	/** Ends the outage: new connections reach the server again. */
	public synchronized void resume() {
		this.cut = false;
	}

	/**
	 * @return sockets currently proxied (two per connection: client side and server side)
	 */
	public int openSockets() {
		return this.open.size();
	}

	/**
	 * @return connections refused since the proxy started
	 */
	public long refusedConnections() {
		return this.refused.get();
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.server);
		cut();
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				refuse(client);
				continue;
			}
			Socket upstream;
			try {
				upstream = new Socket(this.targetHost, this.targetPort);
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
			}
			catch (IOException ex) {
				closeQuietly(client);
				continue;
			}
			// under the lock: a cut() that ran while we connected must not miss this pair
			synchronized (this) {
				if (this.cut) {
					closeQuietly(upstream);
					refuse(client);
					continue;
				}
				this.open.add(client);
				this.open.add(upstream);
			}
			pump(client, upstream);
			pump(upstream, client);
		}
	}

	private void refuse(Socket client) {
		this.refused.incrementAndGet();
		closeQuietly(client);
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
				}
			}
			catch (SocketException ex) {
				// closed by cut() or by the other side
			}
			catch (IOException ex) {
				// same: the connection is over
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

}
