package jdcloud

import "github.com/multicloud-go/multicloud"

// Observer returns the observer installed with multicloud.WithObserver, or
// nil. The typed service packages' waiters report their polls to it.
func (c *Client) Observer() multicloud.Observer {
	if c == nil {
		return nil
	}
	return c.core.Observer()
}
