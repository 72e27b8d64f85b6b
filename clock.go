package multicloud

import "time"

// Now returns the time on the client's clock (see WithClock): the time
// requests are signed at. Presigned URLs use it too.
func (c *Client) Now() time.Time { return c.now() }
