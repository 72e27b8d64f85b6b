package objectstorage

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxKeyLength is the longest object key, in bytes of UTF-8.
const MaxKeyLength = 1024

// ValidBucketName checks the bucket naming rule the three providers share
// with S3's DNS-compatible names: 3 to 63 characters, lower-case letters,
// digits and hyphens, beginning and ending with a letter or digit.
func ValidBucketName(name string) error {
	if len(name) < 3 || len(name) > 63 {
		return fmt.Errorf("bucket name %q must be 3 to 63 characters long", name)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0 && i < len(name)-1:
		default:
			return fmt.Errorf("bucket name %q may hold only lower-case letters, digits and inner hyphens", name)
		}
	}
	return nil
}

// NoDoubleHyphen adds JD Cloud's extra rule to ValidBucketName: no two
// hyphens in a row.
func NoDoubleHyphen(name string) error {
	if err := ValidBucketName(name); err != nil {
		return err
	}
	if strings.Contains(name, "--") {
		return fmt.Errorf("bucket name %q must not contain two hyphens in a row", name)
	}
	return nil
}

// checkBucket applies the provider's rule.
func (c *Client) checkBucket(action, bucket string) error {
	check := c.profile.ValidBucket
	if check == nil {
		check = ValidBucketName
	}
	if err := check(bucket); err != nil {
		return c.invalid(action, err.Error())
	}
	return nil
}

// errBadKey explains what keys may be.
var errBadKey = errors.New("object key must be 1 to 1024 bytes of valid UTF-8 without control characters")

// ValidKey checks an object key: 1 to MaxKeyLength bytes of valid UTF-8,
// without control characters (which the XML of list answers cannot carry).
// Any other character is fine: spaces, '+', '%', '?', '#' and non-ASCII
// letters are percent-encoded on the wire and come back unchanged.
func ValidKey(key string) error {
	if key == "" || len(key) > MaxKeyLength || !utf8.ValidString(key) {
		return errBadKey
	}
	for _, r := range key {
		if r < 0x20 || r == 0x7f {
			return errBadKey
		}
	}
	return nil
}

// checkObject checks a bucket and a key.
func (c *Client) checkObject(action, bucket, key string) error {
	if err := c.checkBucket(action, bucket); err != nil {
		return err
	}
	if err := ValidKey(key); err != nil {
		return c.invalid(action, fmt.Sprintf("%v (got %d bytes)", err, len(key)))
	}
	return nil
}
