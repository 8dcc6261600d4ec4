import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * Starts `server` on an ephemeral 127.0.0.1 port. `close` also ends open keep-alive
 * connections, so a test's afterAll never waits for an idle SDK socket to time out.
 */
export async function listenOnLoopback(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
