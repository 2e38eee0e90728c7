fn main() {
    widget::start_finder();
}
