fn main() {
    widget::start_feedback();
}
