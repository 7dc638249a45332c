package io.mixrec.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose network is slow, or who makes it slow on purpose, holds no turn and no
 * database connection: answers wait in memory for a client that does not read, bodies are
 * read before the request runs, and a body that trickles is cut off. Other clients are
 * served meanwhile as if nothing happened.
 */
@MixrecIntegrationTest
class SlowClientsIntegrationTests extends IntegrationTestBase {

	@Test
	void clientsThatDoNotReadTheirAnswersHoldNoTurn() throws Exception {
		String user = "slow-reader-" + UUID.randomUUID();
		StringBuilder csv = new StringBuilder("user,item,rating\n");
		for (int i = 0; i < 1000; i++) {
			csv.append(user).append(",item-").append(i).append(",4\n");
		}
		assertThat(api().send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv", csv.toString()).statusCode())
			.isEqualTo(200);
		String request = "GET /users/" + user + "/ratings?size=1000 HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
				+ TestApiKeys.WRITE + "\r\n\r\n";
		List<Socket> hostile = new ArrayList<>();
		try {
			for (int i = 0; i < 16; i++) {
				Socket socket = new Socket();
				socket.setReceiveBufferSize(1024);
				socket.connect(new InetSocketAddress("localhost", this.port));
				socket.getOutputStream().write(request.repeat(20).getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
				hostile.add(socket);
			}
			Thread.sleep(2000);

			long slowest = 0;
			for (int i = 0; i < 20; i++) {
				long started = System.nanoTime();
				HttpResponse<String> ping = api().send("GET", "/ping", TestApiKeys.READ);
				slowest = Math.max(slowest, System.nanoTime() - started);
				assertThat(ping.statusCode()).isEqualTo(200);
			}
			assertThat(slowest / 1_000_000).as("slowest /ping in ms").isLessThan(1000);
		}
		finally {
			for (Socket socket : hostile) {
				socket.close();
			}
		}
	}

	@Test
	void aTricklingUploadHoldsNoConnectionAndIsCutOff() throws Exception {
		String head = "POST /ratings/import HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestApiKeys.WRITE
				+ "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nuser,item,rating\n";
		List<Socket> hostile = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				Socket socket = new Socket("localhost", this.port);
				socket.setSoTimeout(40_000);
				socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
				hostile.add(socket);
			}
			Thread.sleep(1000);
			assertThat(((HikariDataSource) this.dataSource).getHikariPoolMXBean().getActiveConnections())
				.as("database connections in use while the uploads trickle")
				.isZero();
			HttpResponse<String> other = api().send("POST", "/ratings/import", TestApiKeys.ADMIN, "text/csv",
					"user,item,rating\nwell-behaved-" + UUID.randomUUID() + ",i1,4\n");
			assertThat(other.statusCode()).as(other.body()).isEqualTo(200);

			long started = System.nanoTime();
			for (Socket socket : hostile) {
				OutputStream out = socket.getOutputStream();
				out.write("u,i,4\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			for (Socket socket : hostile) {
				assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 408").contains("request-timeout");
			}
			assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds until cut off").isLessThan(30);
		}
		finally {
			for (Socket socket : hostile) {
				socket.close();
			}
		}
	}

	private static String readAnswer(InputStream in) throws IOException {
		byte[] buffer = new byte[8192];
		int read = in.read(buffer);
		return (read > 0) ? new String(buffer, 0, read, StandardCharsets.UTF_8) : "";
	}

	private ApiClient api() {
		return new ApiClient(this.port);
	}

}
