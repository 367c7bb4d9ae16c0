// Package faultproxy is a loopback TCP proxy for fault-injection tests: it
// sits between a client and a server (the engine and Kafka, the engine and
// the schema registry) and can cut the path on command.
//
// Two kinds of cut model the two ways a network fails:
//
//   - Refuse: new connections are reset as soon as they are accepted and
//     existing ones are reset in both directions (RST, not FIN), as when the
//     server's host is up but the service is gone. Clients see
//     "connection reset by peer" at once.
//   - Blackhole: new connections are accepted but never connected to the
//     target, and existing ones stop forwarding in both directions, as in a
//     network partition. Nothing is dropped: bytes already read wait in the
//     proxy and flow again on Restore, as TCP retransmission would deliver
//     them after a partition heals. Clients see only silence and must rely
//     on their own timeouts.
//
// Restore ends either cut. Close stops the proxy and every goroutine it
// started, and closes every connection.
//
// # Kafka
//
// Kafka clients connect to the seed address once and then to the broker
// addresses the cluster advertises in its metadata, so a proxy in front of a
// broker only stays in the path if the broker advertises the proxy's
// address. kfake has no advertised-listener option: it advertises
// Addr() of its own listener (kfake's broker.hostport). It does take a
// listen function (kfake.ListenFn), and Proxy.ListenBehind is one: it opens
// the broker's real listener on loopback, makes it the proxy's target, and
// returns it wrapped so that Addr() reports the proxy's address. A kfake
// cluster started with kfake.NumBrokers(1) and kfake.ListenFn(p.ListenBehind)
// therefore advertises the proxy, and every client connection, seed or not,
// goes through it. A broker restarted on its DataDir with the same listen
// function comes back behind the same proxy address (on whatever port it
// now listens), so clients never see an address change. The other way to
// cut Kafka, restarting kfake on the same port and DataDir, needs no proxy
// and stays available.
package faultproxy
