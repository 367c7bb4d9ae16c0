package avro

import (
	"encoding/binary"
	"fmt"
)

// MagicByte starts every Confluent-framed message.
const MagicByte = 0x00

// HeaderLen is the length of the Confluent header: magic byte and schema id.
const HeaderLen = 5

// AppendHeader appends the Confluent wire-format header: 0x00 then the
// schema id as a 4-byte big-endian signed integer.
func AppendHeader(dst []byte, id int) []byte {
	return binary.BigEndian.AppendUint32(append(dst, MagicByte), uint32(int32(id)))
}

// ParseHeader splits a framed message into its schema id and Avro datum.
func ParseHeader(msg []byte) (id int, datum []byte, err error) {
	if len(msg) < HeaderLen {
		return 0, nil, fmt.Errorf("confluent framing: message of %d bytes is shorter than the 5-byte header", len(msg))
	}
	if msg[0] != MagicByte {
		return 0, nil, fmt.Errorf("confluent framing: magic byte is 0x%02x, want 0x00", msg[0])
	}
	return int(int32(binary.BigEndian.Uint32(msg[1:5]))), msg[5:], nil
}
