// A fixture in the shape of the official QingCloud Go SDK's service files.

package service

type BoxService struct{}

func (s *BoxService) DescribeBoxes(i *DescribeBoxesInput) (*DescribeBoxesOutput, error) {
	o := &data.Operation{
		APIName:       "DescribeBoxes",
		RequestMethod: "GET",
	}
	_ = o
	return nil, nil
}

type DescribeBoxesInput struct {
	Boxes     []*string `json:"boxes" name:"boxes" location:"params"`
	BoxClass  *int      `json:"box_class" name:"box_class" location:"params"`
	OwnerTags []*string `json:"owner_tags" name:"owner_tags" location:"params"`
}

func (v *DescribeBoxesInput) Validate() error {
	if v.BoxClass != nil {
		boxClassValidValues := []string{"0", "1"}
		_ = boxClassValidValues
	}
	return nil
}

type DescribeBoxesOutput struct {
	Message    *string `json:"message" name:"message"`
	Action     *string `json:"action" name:"action" location:"elements"`
	BoxSet     []*Box  `json:"box_set" name:"box_set" location:"elements"`
	RetCode    *int    `json:"ret_code" name:"ret_code" location:"elements"`
	TotalCount *int    `json:"total_count" name:"total_count" location:"elements"`
}

func (s *BoxService) CreateCrates(i *CreateCratesInput) (*CreateCratesOutput, error) {
	o := &data.Operation{
		APIName:       "AllocateCrates",
		RequestMethod: "GET",
	}
	_ = o
	return nil, nil
}

type CreateCratesInput struct {
	Count    *int    `json:"count" name:"count" default:"1" location:"params"`
	CrateKey *string `json:"crate_key" name:"crate_key" location:"params"`
	VxNetID  *string `json:"vxnet_id" name:"vxnet_id" location:"params"` // Required
}

type CreateCratesOutput struct {
	Message *string  `json:"message" name:"message"`
	Action  *string  `json:"action" name:"action" location:"elements"`
	RetCode *int     `json:"ret_code" name:"ret_code" location:"elements"`
	Crates  []*Crate `json:"crates" name:"crates" location:"elements"`
	JobID   *string  `json:"job_id" name:"job_id" location:"elements"`
}

type Box struct {
	BoxID     *string `json:"box_id" name:"box_id"`
	SecretKey *string `json:"secret_key" name:"secret_key"`
}

type Crate struct {
	CrateID *string `json:"crate_id" name:"crate_id"`
}
