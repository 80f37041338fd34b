package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	f, err := generate(os.Args[1], n, 1)
	fmt.Println(f, err)
}
