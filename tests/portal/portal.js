// The demo portal's own script: shows that a survey answer reached the collector.
document.addEventListener('tthc:submitted', function () {
  document.getElementById('submitted').textContent = 'Cảm ơn bạn đã góp ý. · Thank you for your feedback.';
});
