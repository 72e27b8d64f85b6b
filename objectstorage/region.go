package objectstorage

// ValidRegion reports whether a region or zone name is safe to place in a
// host name: 1 to 63 lower-case letters, digits and hyphens.
func ValidRegion(region string) bool {
	if region == "" || len(region) > 63 {
		return false
	}
	for i := 0; i < len(region); i++ {
		c := region[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
