#!/bin/sh
# Starts the service in the container. The EM engine's SIMD kernels need the incubating
# jdk.incubator.vector module, which JRE images do not always ship; without it the
# engine uses its scalar kernels (same results, slower), so the flag is added only when
# the module exists. The container's arguments are mixrec's (a command such as evaluate,
# or --server.port=...), so they follow the main class; JVM options come from
# JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS. exec: the JVM becomes PID 1 and receives SIGTERM
# for graceful shutdown.
set -e
if java --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@'; then
	exec java --add-modules jdk.incubator.vector org.springframework.boot.loader.launch.JarLauncher "$@"
fi
exec java org.springframework.boot.loader.launch.JarLauncher "$@"
