package io.creditscoring.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Ports for a standalone platform in a test: free when asked, and all different. */
final class FreePorts {

    private FreePorts() {}

    /** Settings with eight distinct free ports, in the test's data directory. */
    static StandaloneSettings settings(Path dataDir, boolean demo) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // hold every socket until all are chosen, so that the system cannot hand out one port twice
            for (int i = 0; i < 8; i++) {
                held.add(new ServerSocket(0));
            }
            int[] p = held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new StandaloneSettings(dataDir, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], demo);
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
