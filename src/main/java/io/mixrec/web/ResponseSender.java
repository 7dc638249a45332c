package io.mixrec.web;

import java.io.IOException;
import java.net.SocketTimeoutException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a buffered answer with non-blocking writes: no thread waits while the client is
 * slow to read, and the send has a deadline ({@link TransferProperties#allowedNanos})
 * that a client cannot stretch by reading a byte now and then. Past it, the connection is
 * closed.
 */
final class ResponseSender {

	private static final int CHUNK = 32 * 1024;

	private ResponseSender() {
	}

	/**
	 * Start sending; returns at once.
	 * @param request the request
	 * @param response the container's response (not the buffer)
	 * @param body the bytes
	 * @param length how many of them
	 * @param timeoutMillis the deadline
	 * @param done run once, when the last bytes are handed to the container or when the
	 * send ends otherwise
	 * @throws IOException if the stream cannot be set up
	 */
	static void send(HttpServletRequest request, HttpServletResponse response, byte[] body, int length,
			long timeoutMillis, Runnable done) throws IOException {
		HttpServletResponse container = unwrap(response);
		if (!container.containsHeader("Content-Length") && !container.containsHeader("Transfer-Encoding")) {
			container.setContentLength(length);
		}
		AsyncContext async = request.startAsync(request, container);
		async.setTimeout(timeoutMillis);
		Send send = new Send(async, container.getOutputStream(), body, length, done);
		async.addListener(send);
		send.out.setWriteListener(send);
	}

	private static HttpServletResponse unwrap(HttpServletResponse response) {
		ServletResponse inner = response;
		while (inner instanceof ServletResponseWrapper wrapper) {
			inner = wrapper.getResponse();
		}
		return (HttpServletResponse) inner;
	}

	private static final class Send implements WriteListener, AsyncListener {

		private final AsyncContext async;

		private final ServletOutputStream out;

		private final byte[] body;

		private final int length;

		private final Runnable done;

		private int sent;

		private boolean finished;

		Send(AsyncContext async, ServletOutputStream out, byte[] body, int length, Runnable done) {
			this.async = async;
			this.out = out;
			this.body = body;
			this.length = length;
			this.done = done;
		}

		@Override
		public void onWritePossible() throws IOException {
			while (this.out.isReady()) {
				if (this.sent >= this.length) {
					this.async.complete();
					return;
				}
				int n = Math.min(CHUNK, this.length - this.sent);
				if (this.sent + n >= this.length) {
					// before the last bytes go out: a client that waits for the answer to
					// send its next request must not find this one still counted
					finish();
				}
				this.out.write(this.body, this.sent, n);
				this.sent += n;
			}
		}

		@Override
		public void onError(Throwable failure) {
			// The client went away; the container ends the request.
			finish();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			ConnectionHandleValve.closeNow(this.async.getRequest(),
					new SocketTimeoutException("The client read the answer too slowly"));
			this.async.complete();
		}

		@Override
		public void onComplete(AsyncEvent event) {
			finish();
		}

		@Override
		public void onError(AsyncEvent event) {
			finish();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

		private synchronized void finish() {
			if (!this.finished) {
				this.finished = true;
				this.done.run();
			}
		}

	}

}
