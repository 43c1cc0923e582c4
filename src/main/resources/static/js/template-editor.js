// The template editor's preview frame: desktop width or a phone's 375 px (a file, since the
// Content-Security-Policy forbids inline scripts).
document.addEventListener('change', function (event) {
    var holder = document.getElementById('preview-frame-holder');
    if (!holder || !event.target.matches('input[name="frame"]')) {
        return;
    }
    holder.style.maxWidth = event.target.value === 'phone' ? '375px' : '100%';
});
