package sinkuri

import (
	"errors"
	"strconv"
)

// valueParser converts one query value to its parameter's type, with
// errors that name the parameter (and mask secret values).
type valueParser struct {
	key, val string
}

func (p valueParser) string() *string {
	if p.val == "" {
		return nil
	}
	v := p.val
	return &v
}

// bool accepts what strconv.ParseBool accepts (TiCDC's binding does the
// same: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False).
func (p valueParser) bool() (*bool, error) {
	if p.val == "" {
		return nil, paramErr(WhereURI, p.key, "want true or false, got an empty value")
	}
	b, err := strconv.ParseBool(p.val)
	if err != nil {
		return nil, paramErr(WhereURI, p.key, "want true or false, got %s", shown(p.key, p.val))
	}
	return &b, nil
}

// parseInt parses a decimal integer of the given bit size (0 = int).
func parseInt[T int | int16 | int32](p valueParser, bits int) (*T, error) {
	if p.val == "" {
		return nil, paramErr(WhereURI, p.key, "want %s, got an empty value", intWant(p.key))
	}
	n, err := strconv.ParseInt(p.val, 10, bits)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return nil, paramErr(WhereURI, p.key, "integer out of range, got %s", shown(p.key, p.val))
		}
		return nil, paramErr(WhereURI, p.key, "want %s, got %s", intWant(p.key), shown(p.key, p.val))
	}
	v := T(n)
	return &v, nil
}

// intWant describes the integers a parameter takes.
func intWant(key string) string {
	switch key {
	case "partition-num", "replication-factor", "max-message-bytes", "max-batch-size":
		return "a positive integer"
	case "required-acks":
		return "-1, 0 or 1"
	}
	return "an integer"
}
