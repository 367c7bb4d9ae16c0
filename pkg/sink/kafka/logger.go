package kafka

import (
	"context"
	"fmt"
	"log/slog"

	kafkago "github.com/segmentio/kafka-go"
)

// KafkaLogger adapts l to kafka-go's Logger/ErrorLogger interface: each
// Printf becomes one record at level, tagged component=kafka-go. Use it for
// the Logger (slog.LevelDebug) and ErrorLogger (slog.LevelWarn) fields of
// kafka-go's Writer and Reader.
func KafkaLogger(l *slog.Logger, level slog.Level) kafkago.Logger {
	if l == nil {
		l = slog.New(slog.DiscardHandler)
	}
	return kafkago.LoggerFunc(func(format string, args ...any) {
		ctx := context.Background()
		if l.Enabled(ctx, level) {
			l.Log(ctx, level, fmt.Sprintf(format, args...), "component", "kafka-go")
		}
	})
}
