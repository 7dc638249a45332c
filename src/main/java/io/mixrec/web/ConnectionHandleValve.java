package io.mixrec.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

/**
 * Lets the application drop a connection: the servlet API can only finish an answer,
 * which for a client that does not read means waiting on it. The valve puts a handle to
 * Tomcat's response in a request attribute; {@link #closeNow} makes Tomcat close the
 * connection, unsent bytes and all, when the request ends.
 */
final class ConnectionHandleValve extends ValveBase {

	private static final String ATTRIBUTE = ConnectionHandleValve.class.getName();

	ConnectionHandleValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(ATTRIBUTE, response.getCoyoteResponse());
		getNext().invoke(request, response);
	}

	/**
	 * Have the connection of a request closed instead of finished.
	 * @param request the request
	 * @param reason why, for Tomcat's error state
	 * @return whether the valve saw the request (always, in the running server)
	 */
	static boolean closeNow(ServletRequest request, Exception reason) {
		@Nullable Object handle = request.getAttribute(ATTRIBUTE);
		if (handle instanceof org.apache.coyote.Response coyote) {
			coyote.action(ActionCode.CLOSE_NOW, reason);
			return true;
		}
		return false;
	}

}
