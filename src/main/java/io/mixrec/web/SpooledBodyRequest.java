package io.mixrec.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request with its body already read by {@link BodySpool}: the application reads it
 * from memory or from the spool file, at local speed.
 */
final class SpooledBodyRequest extends HttpServletRequestWrapper {

	private final BodySpool.Body body;

	private final long length;

	private boolean opened;

	SpooledBodyRequest(HttpServletRequest request, BodySpool.Body body) {
		super(request);
		this.body = body;
		this.length = body.length();
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.opened) {
			throw new IllegalStateException("The body can be read once");
		}
		this.opened = true;
		InputStream in = this.body.open();
		return new ServletInputStream() {

			private boolean finished;

			@Override
			public int read() throws IOException {
				int b = in.read();
				this.finished = b < 0;
				return b;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				int read = in.read(b, off, len);
				this.finished = read < 0;
				return read;
			}

			@Override
			public void close() throws IOException {
				in.close();
			}

			@Override
			public boolean isFinished() {
				return this.finished;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("Synchronous reads only");
			}

		};
	}

	@Override
	public BufferedReader getReader() throws IOException {
		String encoding = getCharacterEncoding();
		Charset charset = (encoding != null) ? charset(encoding) : StandardCharsets.UTF_8;
		return new BufferedReader(new InputStreamReader(getInputStream(), charset));
	}

	@Override
	public int getContentLength() {
		return (this.length > Integer.MAX_VALUE) ? -1 : (int) this.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.length;
	}

	private static Charset charset(String encoding) {
		try {
			return Charset.forName(encoding);
		}
		catch (IllegalArgumentException ex) {
			throw new UncheckedIOException(new java.io.UnsupportedEncodingException(encoding));
		}
	}

}
